"""The oversight page: inspections, findings and rectification."""
