"""Templates shipped with sozialraum: the commented German config (``sozialraum init``) and the demo config."""
