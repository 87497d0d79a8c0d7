"""The moderators' line about a stored privacy report (``privacy_report``):
how many possible identifiers the author confirmed past, of which kinds, and
whether the check did not run. The report holds no matched text, so neither
does the note."""

from django import template

from community.privacy_forms import CHECK_FAILED

register = template.Library()


@register.filter
def privacy_summary(report) -> dict:
    findings = [item for item in report or () if isinstance(item, dict)]
    found = [item for item in findings if item.get("category") != CHECK_FAILED]
    labels = list(dict.fromkeys(item.get("label", "") for item in found))
    return {
        "count": len(found),
        "labels": [label.lower() for label in labels if label],
        "check_failed": len(found) < len(findings),
    }
