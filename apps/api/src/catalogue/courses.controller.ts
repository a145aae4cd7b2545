import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, LanguageQueryDto, Roles, UserRole } from '@app/accounts';
import {
  CatalogueService,
  CatalogueViewer,
  CourseDetailView,
  CoursePage,
  CourseQueryDto,
  CreateCourseDto,
  TopicView,
  UpdateCourseDto,
} from '@app/catalogue';
import { ApiErrors } from '../openapi';

function viewer(user: AuthenticatedUser): CatalogueViewer {
  return { id: user.id, isAdmin: user.roles.includes(UserRole.Admin) };
}

/** The catalogue: everyone signed in browses published courses; admins manage every course. */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller()
export class CoursesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('topics')
  @ApiOkResponse({ type: [TopicView], description: 'The WCO topic areas, with names in en, fr and es' })
  @ApiErrors(401)
  topics(): Promise<TopicView[]> {
    return this.catalogue.topics();
  }

  @Get('courses')
  @ApiOkResponse({ type: CoursePage })
  @ApiErrors(400, 401)
  search(@CurrentUser() user: AuthenticatedUser, @Query() query: CourseQueryDto): Promise<CoursePage> {
    return this.catalogue.search(viewer(user), query);
  }

  @Get('courses/:id')
  @ApiOkResponse({ type: CourseDetailView, description: 'The course with its texts and latest package per language' })
  @ApiErrors(400, 401, 404)
  detail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: LanguageQueryDto,
  ): Promise<CourseDetailView> {
    return this.catalogue.detail(viewer(user), id, query.lang);
  }

  @Roles(UserRole.Admin)
  @Post('courses')
  @ApiCreatedResponse({ type: CourseDetailView, description: 'A draft course' })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCourseDto): Promise<CourseDetailView> {
    return this.catalogue.create(viewer(user), body);
  }

  @Roles(UserRole.Admin)
  @Patch('courses/:id')
  @ApiOkResponse({ type: CourseDetailView, description: 'The updated course' })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCourseDto,
  ): Promise<CourseDetailView> {
    return this.catalogue.update(viewer(user), id, body);
  }
}
