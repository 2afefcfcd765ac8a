"""All models, importable from one place; the registry of synced tables lives here."""
from db.base import Base, SyncedMixin
from db.models.asset import Asset, AssetSource, LibraryTransition, TermsFile
from db.models.benefit import BenefitLink, Household
from db.models.checklist import (
    Attachment, ChecklistItem, ChecklistStandard, GeneratedDocument, ProjectDocument, Template,
)
from db.models.core import Node, Region, Setting, User
from db.models.oversight import Inspection, Notice, NoticeReply, Rectification, RiskAssessment
from db.models.security import PersonalKey, SecurityEvent
from db.models.project import (
    Disbursement, Expenditure, FundAllocation, Milestone, ProgressReport, Project,
)
from db.models.sync import AttachmentTransfer, ChangeLog, Conflict, PackageLog, PeerState

SYNCED_MODELS: dict[str, type] = {
    m.__tablename__: m
    for m in (
        Project, FundAllocation, Disbursement, Expenditure, Milestone, ProgressReport,
        Household, BenefitLink, ChecklistStandard, ChecklistItem, ProjectDocument, Attachment,
        Template, GeneratedDocument, Inspection, Rectification, Notice, NoticeReply, RiskAssessment,
        Asset, AssetSource, LibraryTransition, TermsFile,
    )
}

__all__ = [
    "Base", "SyncedMixin", "SYNCED_MODELS", "Node", "Region", "Setting", "User", "Project",
    "FundAllocation", "Disbursement", "Expenditure", "Milestone", "ProgressReport", "Household",
    "BenefitLink", "ChecklistStandard", "ChecklistItem", "ProjectDocument", "Attachment", "Template",
    "GeneratedDocument", "Inspection", "Rectification", "Notice", "NoticeReply", "RiskAssessment",
    "ChangeLog", "PeerState", "PackageLog", "Conflict", "AttachmentTransfer", "PersonalKey", "SecurityEvent",
    "Asset", "AssetSource", "LibraryTransition", "TermsFile",
]
