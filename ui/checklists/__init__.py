"""资料清单 GUI helpers shared by the 资料清单 page and the project editor's 资料 tab."""
