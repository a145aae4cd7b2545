import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { ContactPointDto, ContactPointQueryDto, ContactPointsService, ContactPointView } from '@app/curricula';
import { ApiErrors } from '../openapi';
import { curriculaCaller } from './curricula-caller';

/** The directory of national contact points, per country. */
@ApiTags('curricula')
@ApiBearerAuth()
@Controller()
export class ContactPointsController {
  constructor(private readonly contactPoints: ContactPointsService) {}

  @Get('contact-points')
  @ApiOkResponse({ type: [ContactPointView], description: 'By country, then name' })
  @ApiErrors(400, 401)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ContactPointQueryDto): Promise<ContactPointView[]> {
    return this.contactPoints.list(curriculaCaller(user), query.country);
  }

  @Post('contact-points')
  @ApiCreatedResponse({ type: ContactPointView, description: "The country's coordinators and admins" })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: ContactPointDto): Promise<ContactPointView> {
    return this.contactPoints.create(curriculaCaller(user), body);
  }

  @Put('contact-points/:id')
  @ApiOkResponse({ type: ContactPointView })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ContactPointDto,
  ): Promise<ContactPointView> {
    return this.contactPoints.update(curriculaCaller(user), id, body);
  }

  @Delete('contact-points/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.contactPoints.remove(curriculaCaller(user), id);
  }
}
