"""The sources layer: Markdown and YAML into plain data; knows nothing of XML."""
