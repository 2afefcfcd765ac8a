"""The 工作台 (dashboard): figure cards, the progress chart and the lists of what needs action."""
