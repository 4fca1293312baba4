sp_client_id = "5f8c2c6e-0d7a-4b3e-9f1a-2b3c4d5e6f70"
