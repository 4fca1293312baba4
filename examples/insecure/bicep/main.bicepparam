using './main.bicep'

param spClientId = '5f8c2c6e-0d7a-4b3e-9f1a-2b3c4d5e6f70'
param spClientSecret = az.getSecret('3f2e1d0c-5b4a-4c3d-9e8f-7a6b5c4d3e2f', 'rg-secrets', 'kv-deploy', 'aks-sp-secret')
