"""Project configuration for the Advancing Equity CMS, imported as ``cms_site``."""
