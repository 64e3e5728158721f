"""quangba: the software of a province's bilingual image-promotion data system."""

__version__ = "0.1.0"
