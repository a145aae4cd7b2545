import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AuthenticatedUser,
  CurrentUser,
  LanguageQueryDto,
  OptionalAuth,
  OptionalUser,
  Roles,
  UserRole,
} from '@app/accounts';
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

function viewer(user: AuthenticatedUser): CatalogueViewer;
function viewer(user: AuthenticatedUser | undefined): CatalogueViewer | undefined;
function viewer(user: AuthenticatedUser | undefined): CatalogueViewer | undefined {
  return user && { id: user.id, isAdmin: user.roles.includes(UserRole.Admin) };
}

/**
 * The catalogue: everyone signed in browses published courses, and so do anonymous visitors while
 * PUBLIC_CATALOGUE is on (the three reading routes take no token then); admins manage every course.
 */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller()
export class CoursesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @OptionalAuth()
  @Get('topics')
  @ApiOkResponse({ type: [TopicView], description: 'The WCO topic areas, with names in en, fr and es' })
  @ApiErrors(401)
  topics(@OptionalUser() user: AuthenticatedUser | undefined): Promise<TopicView[]> {
    this.catalogue.viewerOf(viewer(user));
    return this.catalogue.topics();
  }

  @OptionalAuth()
  @Get('courses')
  @ApiOkResponse({ type: CoursePage })
  @ApiErrors(400, 401)
  search(@OptionalUser() user: AuthenticatedUser | undefined, @Query() query: CourseQueryDto): Promise<CoursePage> {
    return this.catalogue.search(this.catalogue.viewerOf(viewer(user)), query);
  }

  @OptionalAuth()
  @Get('courses/:id')
  @ApiOkResponse({ type: CourseDetailView, description: 'The course with its texts and latest package per language' })
  @ApiErrors(400, 401, 404)
  detail(
    @OptionalUser() user: AuthenticatedUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: LanguageQueryDto,
  ): Promise<CourseDetailView> {
    return this.catalogue.detail(this.catalogue.viewerOf(viewer(user)), id, query.lang);
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
