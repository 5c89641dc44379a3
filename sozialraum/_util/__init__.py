"""Private helpers below every stage: choices, Stichtag dates, atomic files, the version.

Nothing here imports a pipeline stage; every stage may import from here.
"""
