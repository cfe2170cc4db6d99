"""URLs of the public site (names ``site_...``): the portal's home and one page per unit."""

from django.urls import URLPattern, path

from danvan.portal.views import site

urlpatterns: list[URLPattern] = [
    path("", site.site_home, name="site_home"),
    path("don-vi/<str:code>/", site.site_unit, name="site_unit"),
]
