// How a panel names the document or file it shows (extension host): its path in the workspace;
// a sample (a document of our own scheme, or a file in the extension's own folder) by its file
// name, not by a path inside wherever the extension was installed.
import * as vscode from 'vscode';
import { SAMPLE_SCHEME } from './contributions';

export function documentLabel(uri: vscode.Uri, extensionUri?: vscode.Uri): string {
  const inExtension = extensionUri !== undefined && uri.scheme === extensionUri.scheme && uri.authority === extensionUri.authority && uri.path.startsWith(`${extensionUri.path.replace(/\/$/, '')}/`);
  if (uri.scheme === SAMPLE_SCHEME || inExtension) return uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return vscode.workspace.asRelativePath(uri);
}
