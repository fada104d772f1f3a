"""Public newsletter URLs, under /fi/newsletter/ and /sv/newsletter/."""

from django.urls import path

from news.newsletter import views

urlpatterns = [
    path("", views.subscribe, name="newsletter"),
    path("thanks/", views.thanks, name="newsletter_thanks"),
    path("confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("preferences/<str:token>/", views.preferences, name="newsletter_preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]
