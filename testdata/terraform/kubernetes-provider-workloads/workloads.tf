locals {
  registry = azurerm_container_registry.store.login_server
  images = {
    web = "${local.registry}/storefront/web@sha256:6f1f2b8e5a3c4d7e9b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
    api = "${local.registry}/storefront/api@sha256:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b"
  }
}

resource "kubernetes_namespace_v1" "storefront" {
  metadata {
    name = "storefront"
    labels = {
      "app.kubernetes.io/part-of" = "store"
    }
  }
}

resource "kubernetes_namespace_v1" "batch" {
  metadata {
    name = "batch"
  }
}

resource "kubernetes_network_policy_v1" "storefront_default_deny" {
  metadata {
    name      = "default-deny-ingress"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  spec {
    pod_selector {}
    policy_types = ["Ingress"]
  }
}

resource "kubernetes_network_policy_v1" "storefront_allow_ingress" {
  metadata {
    name      = "allow-from-ingress-nginx"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  spec {
    pod_selector {
      match_labels = {
        app = "web"
      }
    }

    ingress {
      from {
        namespace_selector {
          match_labels = {
            "kubernetes.io/metadata.name" = "ingress-nginx"
          }
        }
      }
    }

    policy_types = ["Ingress"]
  }
}

resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
    labels = {
      app = "web"
    }
  }

  spec {
    replicas = 3

    selector {
      match_labels = {
        app = "web"
      }
    }

    template {
      metadata {
        labels = {
          app = "web"
        }
      }

      spec {
        container {
          name  = "web"
          image = local.images.web

          port {
            container_port = 8080
          }

          env {
            name = "DATABASE_PASSWORD"
            value_from {
              secret_key_ref {
                name = "storefront-db"
                key  = "password"
              }
            }
          }

          env {
            name  = "API_URL"
            value = "http://api.storefront.svc.cluster.local"
          }
        }
      }
    }
  }
}

resource "kubernetes_stateful_set_v1" "api" {
  metadata {
    name      = "api"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  spec {
    service_name = "api"
    replicas     = 2

    selector {
      match_labels = {
        app = "api"
      }
    }

    template {
      metadata {
        labels = {
          app = "api"
        }
      }

      spec {
        init_container {
          name    = "migrate"
          image   = local.images.api
          command = ["/app/migrate", "up"]
        }

        container {
          name  = "api"
          image = local.images.api
        }
      }
    }
  }
}

resource "kubernetes_cron_job_v1" "nightly_export" {
  metadata {
    name      = "nightly-export"
    namespace = kubernetes_namespace_v1.batch.metadata[0].name
  }

  spec {
    schedule = "0 2 * * *"

    job_template {
      metadata {}

      spec {
        template {
          metadata {}

          spec {
            restart_policy = "OnFailure"

            container {
              name  = "export"
              image = "docker.io/library/python:3.12-slim"

              env {
                name  = "SFTP_PASSWORD"
                value = "Winter2024!"
              }

              env {
                name  = "SFTP_USER_NAME"
                value = "export"
              }
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_secret_v1" "storefront_db" {
  metadata {
    name      = "storefront-db"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  data = {
    username = "storefront"
    password = "correct-horse-battery-staple"
  }
}

resource "kubernetes_service_v1" "web_public" {
  metadata {
    name      = "web-public"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  spec {
    type = "LoadBalancer"

    selector = {
      app = "web"
    }

    port {
      name        = "http"
      port        = 80
      target_port = 8080
    }
  }
}

resource "kubernetes_ingress_v1" "storefront" {
  metadata {
    name      = "storefront"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  spec {
    ingress_class_name = "nginx"

    tls {
      hosts       = ["shop.example.com"]
      secret_name = "shop-tls"
    }

    rule {
      host = "shop.example.com"
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = "web"
              port {
                number = 8080
              }
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_ingress_v1" "admin" {
  metadata {
    name      = "admin"
    namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  }

  spec {
    ingress_class_name = "nginx"

    rule {
      host = "admin.shop.example.com"
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = "api"
              port {
                number = 8080
              }
            }
          }
        }
      }
    }
  }
}
