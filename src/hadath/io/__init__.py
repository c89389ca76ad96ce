"""Readers and writers of articles and hadath documents."""
