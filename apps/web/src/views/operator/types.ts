/** What POST /api/operator/ingest-keys answers: the only time the Secret is ever sent. */
export interface CreatedIngestKey {
  id: number;
  name: string;
  accessKeyId: string;
  secret: string;
  createdAt: string;
}
