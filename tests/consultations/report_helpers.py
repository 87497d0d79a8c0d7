"""What the report tests share: the editor's POST data and a few URLs."""

from django.urls import reverse

from consultations import report_sections

TEXTS = {
    "question": "How to work with the client's avoidance of closeness.",
    "sources": "The therapist's written information; no interview.",
    "formulation": "An attachment pattern of withdrawal kept going by relief.",
    "recommendations": "First, name the withdrawal in the session as it happens.",
    "risk": "No current risk is described.",
}


def post_data(texts=None, *, shareable=("question", "recommendations"), **extra):
    texts = TEXTS if texts is None else texts
    data = {}
    for key in report_sections.section_keys():
        data[key] = texts.get(key, "")
        if key in shareable:
            data[f"{key}_shareable"] = "on"
    data.update(extra)
    return data


def url(name: str, case, *args) -> str:
    return reverse(f"consultations:{name}", args=[case.pk, *args])
