using './main.bicep'

param adminGroupObjectId = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d'
param kubeletPrincipalId = '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091'
param kmsKeyId = 'https://kv-hardened.vault.azure.net/keys/aks-kms/4f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f'
