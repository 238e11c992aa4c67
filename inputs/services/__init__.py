from .transitions import input_changed, input_transition

__all__ = ["input_changed", "input_transition"]
