"""BL moderators' workbench in the Wagtail admin: the queue with filters and
bulk actions, one input in full, redaction, exports and the dashboard."""
