"""Small widgets and display helpers shared by pages."""
