"""Widgets of the 文书模板 page: the template library, and the panel that fills a template for a project."""
