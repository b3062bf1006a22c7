"""Rich text feature lists of the equity app's fields and blocks.

Kept apart from the blocks so that models (the library's intro, a page's intro) and blocks
state the same editor features without importing one another.
"""

# Rich text inside a section: headings start at h3 because the section heading is an h2.
SECTION_RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link"]
