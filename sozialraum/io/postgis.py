"""Boundaries from PostGIS: where many GIS departments keep their layers.

A source is a database URL (``postgresql://user@host:5432/db``) or a GDAL-style connection
string (``PG:dbname=db host=host user=user``); the layer is ``schema.table`` (``table`` alone
means the schema ``public``). Passwords come from the environment (``PGPASSWORD``) or the
``~/.pgpass`` file, as with every libpq program, and never from the URL: a URL with a
password is refused, so that it cannot end up in a config, a log or ``provenance.json``.

This needs the optional extra ``pip install "sozialraum[postgis]"`` (SQLAlchemy, psycopg,
GeoAlchemy2); the imports stay inside the functions for that reason.
"""

from __future__ import annotations

import re

import geopandas as gpd

from sozialraum.errors import ConfigError, DependencyError, FileFormatError, GeometryError

__all__ = ["connect", "is_database", "layer_name", "quote_ident", "read_postgis_layer", "redact"]

_URL = re.compile(r"^(postgres(ql)?(\+psycopg2?)?://|PG:)", re.I)


def is_database(source: object) -> bool:
    """True if `source` names a PostgreSQL database rather than a file."""
    return isinstance(source, str) and bool(_URL.match(source.strip()))


def _conninfo(source: str) -> str:
    s = source.strip()
    if s[:3].upper() == "PG:":
        return s[3:].strip().strip('"')
    return re.sub(r"^postgres(ql)?(\+psycopg2?)?://", "postgresql://", s, flags=re.I)


def _parts(source: str) -> dict:
    try:
        from psycopg.conninfo import conninfo_to_dict  # lazy: the optional postgis extra
    except ImportError as exc:
        raise DependencyError.from_key("io.postgis_missing") from exc
    try:
        return conninfo_to_dict(_conninfo(source))
    except Exception as exc:  # psycopg.ProgrammingError for a malformed string
        raise ConfigError.from_key("io.postgis_bad_url", source=redact(source),
                                   detail=str(exc).splitlines()[0]) from exc


def redact(source: str) -> str:
    """The source without any password (for messages, logs and provenance)."""
    s = re.sub(r"(://[^:/@]+):[^@]*@", r"\1@", str(source))
    return re.sub(r"(password\s*=\s*)(\S+)", r"\1***", s, flags=re.I)


def connect(source: str):
    """A SQLAlchemy engine for `source`; refuses a password inside the URL."""
    parts = _parts(source)
    if parts.get("password"):
        raise ConfigError.from_key("io.postgis_password", source=redact(source))
    try:
        import psycopg  # lazy: the optional postgis extra
        from sqlalchemy import create_engine  # lazy: the optional postgis extra
    except ImportError as exc:
        raise DependencyError.from_key("io.postgis_missing") from exc
    conninfo = _conninfo(source)
    return create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(conninfo))


def layer_name(layer: object) -> tuple[str, str]:
    """(schema, table) of ``"schema.table"`` or ``"table"`` (schema ``public``)."""
    if not isinstance(layer, str) or not layer.strip():
        raise ConfigError.from_key("io.postgis_no_layer", given=repr(layer))
    schema, _, table = layer.strip().rpartition(".")
    return (schema or "public"), table


def quote_ident(name: str) -> str:
    """A PostgreSQL identifier in double quotes (a quote inside is doubled): data, never SQL."""
    return '"' + str(name).replace('"', '""') + '"'


def read_postgis_layer(source: str, layer: object) -> gpd.GeoDataFrame:
    """Read the table `layer` (``schema.table``) of the database `source` with its geometry."""
    schema, table = layer_name(layer)
    engine = connect(source)
    try:
        from sqlalchemy import text as sql  # lazy: the optional postgis extra

        with engine.connect() as con:
            rows = con.execute(
                sql("SELECT f_geometry_column FROM geometry_columns "
                    "WHERE f_table_schema = :s AND f_table_name = :t"),
                {"s": schema, "t": table},
            ).fetchall()
            if not rows:
                tables = [f"{r[0]}.{r[1]}" for r in con.execute(sql(
                    "SELECT f_table_schema, f_table_name FROM geometry_columns ORDER BY 1, 2"))]
                raise GeometryError.from_key("io.postgis_no_table", source=redact(source),
                                             layer=f"{schema}.{table}",
                                             tables=", ".join(tables[:12]) or "–")
            geom = rows[0][0]
            quoted = f"{quote_ident(schema)}.{quote_ident(table)}"
            return gpd.read_postgis(sql(f"SELECT * FROM {quoted}"), con, geom_col=geom)
    except (GeometryError, ConfigError, DependencyError):
        raise
    except Exception as exc:  # psycopg / SQLAlchemy OperationalError: no server, no rights
        raise FileFormatError.from_key("io.postgis_unreadable", source=redact(source),
                                       layer=f"{schema}.{table}",
                                       detail=str(exc).strip().splitlines()[0]) from exc
    finally:
        engine.dispose()
