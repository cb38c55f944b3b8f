"""The curation rules that turn the researched facts into the bundled dataset.

One job per module, in the order the build runs them:

- ``facts``: read and check the CSV rows of the facts (qualifiers, units, values);
- ``metrics``: the metric definitions of ``data/metrics.csv``;
- ``sources``: one source entry per page, its id and its kind;
- ``rank``: order the reports of one figure and choose its primary;
- ``build``: cities, snapshots and the whole document;
- ``texts``: the dataset's title, description, licence and snapshot labels;
- ``write``: stable bytes, validation with the app's loader, the printed summary.

``data/curate.py`` is the command that runs them.
"""
