app_name = "greta"

urlpatterns: list = []
