"""Reads of the consultations app, with the joins their pages need."""
