"""The counter's other papers: forms 02, 03 and 04 of Circular 01/2018/TT-VPCP, from stored data.

02 asks the citizen to complete a dossier (papers missing, or central asked for more), 03 tells
them a dossier is refused and why, 04 apologises for late results and gives a new date. Like
the receipt (:mod:`desk_app.receipt`, whose fonts, layout, header, signatures and printing they
share), each is made from the *saved* dossier (form 03 also from a draft refused at the counter
before it was saved, :func:`refuse_at_counter`): :func:`form_content` works out and checks the
words, :func:`issue_form` records the issue in the audit trail and renders the PDF,
:func:`make_form` also keeps it and prints it with the desk's print command. Everything here
blocks; screens call it from a worker.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk_app.documents.api import (
        ACTIONS,
        FormOutcome,
        IssuedForm,
        deliver_form,
        form_content,
        form_path,
        issue_form,
        make_form,
    )
    from desk_app.documents.at_counter import counter_reason, refuse_at_counter
    from desk_app.documents.content import FORMS, Form, FormContent, FormRefused
    from desk_app.documents.pdf import RenderedForm, render_form

# Loaded on first use (PEP 562), as the receipt is: the CLI names `desk form` without paying
# for reportlab.
_WHERE = {
    "ACTIONS": "api",
    "FormOutcome": "api",
    "IssuedForm": "api",
    "deliver_form": "api",
    "form_content": "api",
    "form_path": "api",
    "issue_form": "api",
    "make_form": "api",
    "counter_reason": "at_counter",
    "refuse_at_counter": "at_counter",
    "FORMS": "content",
    "Form": "content",
    "FormContent": "content",
    "FormRefused": "content",
    "RenderedForm": "pdf",
    "render_form": "pdf",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)


__all__ = [
    "ACTIONS",
    "FORMS",
    "Form",
    "FormContent",
    "FormOutcome",
    "FormRefused",
    "IssuedForm",
    "RenderedForm",
    "counter_reason",
    "deliver_form",
    "form_content",
    "form_path",
    "issue_form",
    "make_form",
    "refuse_at_counter",
    "render_form",
]
