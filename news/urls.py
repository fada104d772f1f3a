"""Public non-page URLs of news and events, mounted under the language prefix (/fi/news/, /sv/news/)."""

from django.urls import path

from news import views

urlpatterns = [
    path("offer/", views.offer, name="news_offer"),
    path("offer/thanks/", views.offer_thanks, name="news_offer_thanks"),
]
