"""The declarations of a dossier as pydantic models and pure field rules.

Imports neither ``desk_app`` nor ``textual``: it is the bottom layer every other layer may use.

Public API (import from here):

- models: :class:`BirthInterlink` (the whole birth-interlink dossier content) and its parts
  :class:`AgencySelection`, :class:`Requester`, :class:`Child`, :class:`Mother`, :class:`Father`,
  :class:`ResidenceDeclaration`, :class:`InsuranceDeclaration`, :class:`Attachments`,
  :class:`InterlinkDelivery`; every field carries its Vietnamese label (``title``) and help
  (``description``);
- :func:`field_errors` turns a ``ValidationError`` into Vietnamese messages per field;
- :func:`reception_context` is the validation context carrying the receipt date;
- :func:`parse_chip_qr` reads a chip ID card scan; :func:`personal_id_problem` checks an ID;
- :func:`clean_line`, :func:`nfc`, :func:`fold`, :func:`for_print` for text;
  :func:`date_in_words` for the birth declaration.


Importing ``forms`` (or ``forms.text``, which every layer needs for the fold function) loads
none of the models: names are resolved on first use, so start-up pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "Address": "forms.address",
    "AgencyRef": "forms.agencies",
    "AgencySelection": "forms.agencies",
    "AttachmentItem": "forms.attachments",
    "Attachments": "forms.attachments",
    "BirthCase": "forms.choices",
    "BirthInterlink": "forms.birth_interlink",
    "BirthPlace": "forms.people",
    "CardHolder": "forms.choices",
    "Child": "forms.people",
    "ChipCardScan": "forms.chip_qr",
    "Consent": "forms.choices",
    "Delivery": "forms.choices",
    "DeliveryChoice": "forms.delivery",
    "Father": "forms.people",
    "FieldMessage": "forms.errors",
    "ForeignElement": "forms.choices",
    "ID_PROVINCES": "forms.identity",
    "IdKind": "forms.choices",
    "IdentityDocument": "forms.identity",
    "InsuranceDeclaration": "forms.insurance",
    "InterlinkDelivery": "forms.delivery",
    "Mother": "forms.people",
    "Procedure": "forms.choices",
    "ProcedureGroup": "forms.group",
    "Relation": "forms.choices",
    "Requester": "forms.people",
    "Residence": "forms.address",
    "ResidenceCase": "forms.choices",
    "ResidenceDeclaration": "forms.residence",
    "ResidenceType": "forms.choices",
    "ScanError": "forms.chip_qr",
    "Sex": "forms.choices",
    "clean_line": "forms.text",
    "date_in_words": "forms.words",
    "describe": "forms.errors",
    "field_errors": "forms.errors",
    "fold": "forms.text",
    "for_print": "forms.text",
    "nfc": "forms.text",
    "parse_chip_qr": "forms.chip_qr",
    "personal_id_problem": "forms.identity",
    "reception_context": "forms.fields",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Load the module that defines ``name`` the first time it is asked for."""
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'forms' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
