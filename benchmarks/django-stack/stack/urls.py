"""The API's paths, each with its trailing slash (APPEND_SLASH redirects the paths without it)."""
from django.urls import path

from scheduling import views

urlpatterns = [
    path("api/health/", views.Health.as_view()),
    path("api/login/", views.Login.as_view()),
    path("api/slots/", views.FreeSlots.as_view()),
    path("api/interviews/", views.Interviews.as_view()),
    path("api/interviews/<int:interview_id>/", views.OneInterview.as_view()),
]

handler404 = "scheduling.views.not_found"
handler500 = "scheduling.views.server_error"
