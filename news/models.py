"""Models of this domain are added by its own issue; the app exists so URLs and settings are stable."""
