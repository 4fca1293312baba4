output "cluster_id" {
  value = azurerm_kubernetes_cluster.this.id
}

output "kubelet_object_id" {
  value = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
}

output "fqdn" {
  value = azurerm_kubernetes_cluster.this.fqdn
}
