# Objects applied as kubernetes_manifest: the ingress-nginx controller's
# ConfigMap (it still allows TLS 1.0 for an old point-of-sale client), a
# SecretProviderClass (a CRD the estate does not model), the payments
# deployment whose image tag comes from the release pipeline (a variable
# not set here), and the namespace's NetworkPolicies decoded from YAML
# files with for_each.

terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.31"
    }
  }
}

provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "aks-payments-prod"
}

variable "payments_image" {
  type        = string
  description = "Image of the payments API, set by the release pipeline."
}

resource "kubernetes_manifest" "ingress_nginx_config" {
  manifest = {
    apiVersion = "v1"
    kind       = "ConfigMap"
    metadata = {
      name      = "ingress-nginx-controller"
      namespace = "ingress-nginx"
    }
    data = {
      "ssl-protocols"         = "TLSv1 TLSv1.2 TLSv1.3"
      "use-forwarded-headers" = "true"
      "hsts"                  = "true"
    }
  }
}

resource "kubernetes_manifest" "payments_secrets" {
  manifest = {
    apiVersion = "secrets-store.csi.x-k8s.io/v1"
    kind       = "SecretProviderClass"
    metadata = {
      name      = "payments-kv"
      namespace = "payments"
    }
    spec = {
      provider = "azure"
      parameters = {
        usePodIdentity = "false"
        clientID       = "b7e4c1a2-3d5f-4e6a-9b8c-7d6e5f4a3b2c"
        keyvaultName   = "kv-payments-prod"
        tenantId       = "72f988bf-0000-4a2b-9c1d-2d7cd011db47"
        objects        = yamlencode({ array = [yamlencode({ objectName = "stripe-api-key", objectType = "secret" })] })
      }
    }
  }
}

resource "kubernetes_manifest" "payments_api" {
  manifest = {
    apiVersion = "apps/v1"
    kind       = "Deployment"
    metadata = {
      name      = "payments-api"
      namespace = "payments"
    }
    spec = {
      replicas = 3
      selector = { matchLabels = { app = "payments-api" } }
      template = {
        metadata = { labels = { app = "payments-api" } }
        spec = {
          serviceAccountName = "payments-api"
          containers = [{
            name  = "api"
            image = var.payments_image
            env = [
              { name = "STRIPE_API_KEY_FILE", value = "/mnt/secrets/stripe-api-key" },
              { name = "LOG_LEVEL", value = "info" },
            ]
            volumeMounts = [{ name = "secrets", mountPath = "/mnt/secrets", readOnly = true }]
          }]
          volumes = [{
            name = "secrets"
            csi = {
              driver           = "secrets-store.csi.k8s.io"
              readOnly         = true
              volumeAttributes = { secretProviderClass = "payments-kv" }
            }
          }]
        }
      }
    }
  }
}

resource "kubernetes_manifest" "payments_network_policies" {
  for_each = fileset("${path.module}/manifests", "*.yaml")
  manifest = yamldecode(file("${path.module}/manifests/${each.value}"))
}
