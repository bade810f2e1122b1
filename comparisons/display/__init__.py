"""Pure view-models of the comparison pages (no database): the side-by-side table (:mod:`.rows`),
the coverage map (:mod:`.coverage`), the comparison list (:mod:`.summaries`) and the words pages
use for the engine's values (:mod:`.labels`)."""
