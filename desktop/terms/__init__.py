"""Terms as data: the words and categories policy documents use, from a versioned terms file.

Why: from 2026 the documents speak of 常态化帮扶 and 帮扶项目资产 instead of the transition-period
wording; labels, categories, levels and funding sources therefore come from a terms file the county
can send down in its package, never from code. Two files ship in resources/terms/ (2021–2025, 2026).

    terms = current_terms(session)       # the active TermsFile in the database, else the bundled default
    terms.label("asset_ledger")          # 扶贫项目资产台账 / 帮扶项目资产台账
    terms.choices("asset_classes")       # {"operating": "经营性", …}
"""
from desktop.terms.files import BUNDLED_KEYS, DEFAULT_KEY, Terms, bundled, parse_terms
from desktop.terms.service import activate_terms, current_terms, import_terms, list_terms, terms_for_app

__all__ = ["BUNDLED_KEYS", "DEFAULT_KEY", "Terms", "bundled", "parse_terms", "activate_terms", "current_terms",
           "import_terms", "list_terms", "terms_for_app"]
