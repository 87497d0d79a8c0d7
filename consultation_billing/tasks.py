"""django-q2 tasks of the billing app: thin, each calls a service."""

from consultation_billing import statements


def issue_last_quarter_statements() -> int:
    return statements.statements_issue_last_quarter()
