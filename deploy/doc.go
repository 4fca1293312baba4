// Package deploy holds how aksguard's admission webhook is deployed: the Helm
// chart in helm/aksguard and, at the repository root, the Dockerfile of the
// image. It has no code; its tests render the chart (with Helm's own
// template engine) and check that the rendered manifests and the Dockerfile
// pass aksguard's own scan, and that a real API server accepts them.
package deploy
