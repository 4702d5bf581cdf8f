"""trafilatura adapter for shared/tools/extract_eval.py: prints the article's
text, title and byline as JSON.
Usage: python trafilatura_extract.py FILE
"""
import json, sys

import trafilatura

with open(sys.argv[1], 'rb') as f:
    doc = trafilatura.bare_extraction(f.read(), with_metadata=True)
if doc is None:
    print(json.dumps({'text': '', 'title': '', 'byline': ''}))
else:
    d = doc.as_dict() if hasattr(doc, 'as_dict') else dict(doc)
    print(json.dumps({'text': d.get('text') or '', 'title': d.get('title') or '', 'byline': d.get('author') or ''}))
