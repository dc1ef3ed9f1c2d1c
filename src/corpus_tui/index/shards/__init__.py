"""An index as shards: each a group of files indexed alone, a manifest joining them (manifest),
and the joined index a query opens (joined). One shard is the plain index folder."""
