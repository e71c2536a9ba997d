"""Renderers: documents, provisions, comparisons, effects and Keeling schedules as text,
JSON, Markdown, HTML and PDF. The package is also the API call of its name:
``lawdiff.render(result, format, path=None)`` is :func:`lawdiff.api.render`.

    >>> import lawdiff
    >>> lawdiff.render(lawdiff.load("example:surveillance-act"), "text").splitlines()[0]
    'Communications Oversight (Example) Act 2026'
"""
