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
"""

from forms.address import Address, Residence
from forms.agencies import AgencyRef, AgencySelection
from forms.attachments import AttachmentItem, Attachments
from forms.birth_interlink import BirthInterlink
from forms.chip_qr import ChipCardScan, ScanError, parse_chip_qr
from forms.choices import (
    BirthCase,
    CardHolder,
    Consent,
    Delivery,
    ForeignElement,
    IdKind,
    Procedure,
    Relation,
    ResidenceCase,
    ResidenceType,
    Sex,
)
from forms.delivery import DeliveryChoice, InterlinkDelivery
from forms.errors import FieldMessage, describe, field_errors
from forms.fields import reception_context
from forms.group import ProcedureGroup
from forms.identity import ID_PROVINCES, IdentityDocument, personal_id_problem
from forms.insurance import InsuranceDeclaration
from forms.people import BirthPlace, Child, Father, Mother, Requester
from forms.residence import ResidenceDeclaration
from forms.text import clean_line, fold, for_print, nfc
from forms.words import date_in_words

__all__ = [
    "ID_PROVINCES",
    "Address",
    "AgencyRef",
    "AgencySelection",
    "AttachmentItem",
    "Attachments",
    "BirthCase",
    "BirthInterlink",
    "BirthPlace",
    "CardHolder",
    "Child",
    "ChipCardScan",
    "Consent",
    "Delivery",
    "DeliveryChoice",
    "Father",
    "FieldMessage",
    "ForeignElement",
    "IdKind",
    "IdentityDocument",
    "InsuranceDeclaration",
    "InterlinkDelivery",
    "Mother",
    "Procedure",
    "ProcedureGroup",
    "Relation",
    "Requester",
    "Residence",
    "ResidenceCase",
    "ResidenceDeclaration",
    "ResidenceType",
    "ScanError",
    "Sex",
    "clean_line",
    "date_in_words",
    "describe",
    "field_errors",
    "fold",
    "for_print",
    "nfc",
    "parse_chip_qr",
    "personal_id_problem",
    "reception_context",
]
