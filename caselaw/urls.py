app_name = "caselaw"

urlpatterns: list = []
