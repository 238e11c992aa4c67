"""Views for the organisations' own inputs: thin; permission via
inputs.permissions, writes via inputs.services, reads via inputs.selectors."""
