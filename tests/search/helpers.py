from search.query import SearchRequest, Viewer
from search.services import archive_search


def titles(query="", viewer=None, **kwargs):
    request = SearchRequest(query=query, viewer=viewer or Viewer(), **kwargs)
    return [
        str(h.title).replace("<mark>", "").replace("</mark>", "")
        for h in archive_search(request=request).hits
    ]
