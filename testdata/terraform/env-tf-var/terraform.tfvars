upgrade_channel = "rapid"
