"""Templates shipped with sozialraum.

The commented German config (``sozialraum init``) and the demo config.
"""
