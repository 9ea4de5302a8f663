"""Datasette plugin of newsarchive: the year facet, counted from the publication date.

`articles.year` is a generated column, CAST(substr(published, 1, 4) AS INTEGER).
Datasette's column facet groups by it, and SQLite computes a generated column
from the article's row: for a section's list of 200,000 articles that meant
reading 200,000 rows (each with its body) and the facet timed out
(bench/search.py).  This facet type groups by the same expression written
over `published`, which the indexes of schema 7 hold, so it reads index
entries only.  Its values, counts and links are those of the column facet:
`?year=2020` selects a year.

metadata.json asks for it as `{"year": "year"}` in the articles table's facets.
"""

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

# The definition of articles.year (archive/store.py, migration 1).
YEAR_OF = "CAST(substr({published}, 1, 4) AS INTEGER)"


class YearFacet(Facet):
    type = "year"

    async def facet_results(self):
        results, timed_out = [], []
        selected_values = dict(self.get_querystring_pairs())
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            column = source_and_config["config"].get("simple") or "year"
            year = YEAR_OF.format(published=escape_sqlite("published"))
            sql = (
                f"select {year} as value, count(*) as count from ({self.sql}) "
                f"where {year} is not null group by {year} "
                f"order by count desc, value limit {facet_size + 1}"
            )
            try:
                rows = await self.ds.execute(
                    self.database, sql, self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )  # fmt: skip
            except QueryInterrupted:
                timed_out.append(column)
                continue
            values = []
            for row in rows.rows[:facet_size]:
                value = str(row["value"])
                selected = selected_values.get(column) == value
                if selected:
                    toggle = path_with_removed_args(self.request, {column: value})
                else:
                    toggle = path_with_added_args(self.request, {column: value})
                values.append(
                    {
                        "value": row["value"],
                        "label": row["value"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, toggle),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_year": column})
                    ),
                    "results": values,
                    "truncated": len(rows.rows) > facet_size,
                }
            )
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [YearFacet]
