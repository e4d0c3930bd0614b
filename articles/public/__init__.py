"""The anonymous, read-only side: JSON API, pages, feed, sitemap, robots.txt.

Everything here serves renderings stored at publication (articles.publication) and
reads them only through articles.selectors; it never imports workflow code.
"""
