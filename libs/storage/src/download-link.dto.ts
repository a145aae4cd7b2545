import { ApiProperty } from '@nestjs/swagger';

/** A signed link to one stored file: opened as it is, without an Authorization header. */
export class DownloadLinkView {
  @ApiProperty({
    description:
      'Path of the download on the API origin (resolve it against the URL the API was called on); ' +
      'answers range requests',
    example: '/api/group-files/2f6c…/download/eyJr…',
  })
  url: string;

  @ApiProperty({ format: 'date-time', description: 'The link is refused after this instant' })
  expiresAt: string;
}
