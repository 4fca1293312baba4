admin_group_object_id = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
